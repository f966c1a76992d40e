/**
 * @module delivery/qr-code
 * QR codes for the claim page, made on the server with `qrcode` as SVG and handed to the page
 * as a `data:` image: no script, no font, no request (the page's CSP allows `img-src data:`).
 * Error correction M: the wallet offers are long URLs, and M keeps the code scannable from a
 * laptop screen at a moderate size.
 */
import QRCode from 'qrcode'

export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`
}
