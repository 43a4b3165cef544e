import 'server-only'
import QRCode from 'qrcode'

/** The otpauth URL as an SVG drawn on the server: no script and no image source for the CSP to allow. */
export function totpQrSvg(otpauthUrl: string): Promise<string> {
  return QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
}
