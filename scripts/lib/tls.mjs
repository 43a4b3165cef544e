// Direct HTTPS for scripts/server.mjs (TLS_CERT_FILE / TLS_KEY_FILE): the PEM files, checked to
// pair, and read again on SIGHUP so that a renewed certificate needs no restart.
import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'

/** TLS 1.2 at least; Node's default ciphers are all forward-secret for 1.2 and 1.3. */
export const TLS_SERVER_OPTIONS = { minVersion: 'TLSv1.2', honorCipherOrder: true }

/** The certificate chain and key, or an error saying which file is wrong. */
export function readTlsFiles({ certFile, keyFile }) {
  const read = (path, what) => {
    try {
      return readFileSync(path)
    } catch (error) {
      throw new Error(`cannot read the TLS ${what} ${path}: ${error.code ?? error.message}`)
    }
  }
  const options = { ...TLS_SERVER_OPTIONS, cert: read(certFile, 'certificate'), key: read(keyFile, 'key') }
  try {
    createSecureContext(options)
  } catch (error) {
    throw new Error(`TLS_CERT_FILE and TLS_KEY_FILE do not make a usable pair: ${error.message}`)
  }
  return options
}

/** On SIGHUP: the files again, or, if they are not usable, the certificate already served (said in the log). */
export function reloadOnHangup(server, files, log) {
  process.on('SIGHUP', () => {
    try {
      server.setSecureContext(readTlsFiles(files))
      log('info', 'reloaded the TLS certificate')
    } catch (error) {
      log('error', `kept the TLS certificate already served: ${error.message}`)
    }
  })
}
