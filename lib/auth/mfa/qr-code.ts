import 'server-only'
import QRCode from 'qrcode'

/** The otpauth URL as an SVG drawn on the server, as a data: URL (the CSP allows data: images, nothing else). */
export async function totpQrImage(otpauthUrl: string): Promise<string> {
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}
