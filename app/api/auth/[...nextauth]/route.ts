import { authJsRoutes } from '@/lib/auth/nextauth-routes'

export const { GET, POST } = authJsRoutes
