import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
let t = Date.now()
const pg = new PGlite(); await pg.waitReady
console.log('init memory', Date.now() - t); t = Date.now()
await migrate(drizzle({ client: pg }), { migrationsFolder: 'db/migrations' })
console.log('migrate', Date.now() - t); t = Date.now()
const c = await pg.clone()
console.log('clone', Date.now() - t); t = Date.now()
const c2 = await pg.clone()
console.log('clone2', Date.now() - t); t = Date.now()
console.log((await c2.query('select count(*) from users')).rows)
const dump = await pg.dumpDataDir('none'); console.log('dump', Date.now() - t, dump.size); t = Date.now()
const p3 = new PGlite({ loadDataDir: dump }); await p3.waitReady; console.log('load', Date.now() - t)
