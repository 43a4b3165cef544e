// Direct HTTPS for scripts/server.mjs (TLS_CERT_FILE / TLS_KEY_FILE): the PEM files, checked to
// pair, and read again on SIGHUP so that a renewed certificate needs no restart.
import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'

/**
 * TLS 1.2 at least. For 1.2, Mozilla's "intermediate" suites: ECDHE with AES-GCM or ChaCha20-Poly1305
 * only (Node's default list also takes CBC with SHA-1, CCM and ARIA). TLS 1.3's suites are Node's own.
 */
export const TLS_SERVER_OPTIONS = {
  minVersion: 'TLSv1.2',
  honorCipherOrder: true,
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
  ].join(':'),
}

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
