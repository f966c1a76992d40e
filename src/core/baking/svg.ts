/**
 * @module baking/svg
 * Open Badges 3.0 baking in SVG (OB 3.0 §5.3.2): an `<openbadges:credential>` element in the
 * `https://purl.imsglobal.org/ob/v3p0` namespace, first child of the root `<svg>`, holding the
 * credential's JSON in a CDATA section, or a compact JWT in its `verify` attribute. Reading
 * also recognises an Open Badges 2.0 `<openbadges:assertion>` (namespace
 * `http://openbadges.org`) so that it can be explained. XML is parsed by fast-xml-parser,
 * with entity expansion off.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { MicrocredError } from '../errors.js'

export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0'
export const OB2_SVG_NAMESPACE = 'http://openbadges.org'

type XmlNode = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '#cdata',
  textNodeName: '#text',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  allowBooleanAttributes: true,
})

const PREDEFINED: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' }
const unescapeXml = (text: string): string => text.replace(/&(lt|gt|quot|apos|amp);/g, (m) => PREDEFINED[m]!)
const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

interface SvgRoot {
  name: string
  node: XmlNode
}

function rootOf(svg: string): SvgRoot {
  const valid = XMLValidator.validate(svg, { allowBooleanAttributes: true })
  if (valid !== true) throw new MicrocredError('ERR_BADGE_MALFORMED', `the SVG image is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`)
  let document: XmlNode
  try {
    document = parser.parse(svg) as XmlNode
  } catch (e) {
    // The parser's own limits (nesting depth, entity counts) end here as a malformed badge.
    throw new MicrocredError('ERR_BADGE_MALFORMED', `the SVG image cannot be read: ${(e as Error).message}`)
  }
  const names = Object.keys(document).filter((k) => !k.startsWith('?') && k !== '#text')
  const name = names[0]
  if (names.length !== 1 || name === undefined || !/^(?:[\w.-]+:)?svg$/.test(name)) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the file is not an SVG image (its root element is not <svg>)')
  const node = document[name]
  return { name, node: typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as XmlNode) : {} }
}

/** The prefix the root binds to `namespace`, if any. */
function prefixFor(root: XmlNode, namespace: string): string | undefined {
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('@_xmlns:') && value === namespace) return key.slice('@_xmlns:'.length)
  }
  return undefined
}

function elementsNamed(root: XmlNode, name: string): XmlNode[] {
  const found = root[name]
  if (found === undefined) return []
  const list = Array.isArray(found) ? found : [found]
  return list.map((e) => (typeof e === 'object' && e !== null ? (e as XmlNode) : { '#text': String(e) }))
}

function contentOf(element: XmlNode): string {
  const verify = element['@_verify']
  if (typeof verify === 'string' && verify.trim() !== '') return unescapeXml(verify.trim())
  const cdata = element['#cdata']
  if (cdata !== undefined) return (Array.isArray(cdata) ? cdata.join('') : String(cdata)).trim()
  const text = element['#text']
  return text === undefined ? '' : unescapeXml(String(text)).trim()
}

export type SvgBadgeText = { version: 3; text: string } | { version: 2; text: string }

export { isSvg } from './sniff.js'

/** The baked text of an SVG badge, or undefined when the image carries none. */
export function readSvgBadge(svg: string): SvgBadgeText | undefined {
  const { node } = rootOf(svg)
  const ob3 = prefixFor(node, OB3_SVG_NAMESPACE)
  if (ob3 !== undefined) {
    const elements = elementsNamed(node, `${ob3}:credential`)
    if (elements.length > 1) throw new MicrocredError('ERR_BADGE_MALFORMED', `the SVG badge carries ${elements.length} <${ob3}:credential> elements; a baked badge has exactly one`)
    if (elements.length === 1) {
      const text = contentOf(elements[0]!)
      if (text === '') throw new MicrocredError('ERR_BADGE_MALFORMED', `the SVG badge's <${ob3}:credential> element is empty`)
      return { version: 3, text }
    }
  }
  const ob2 = prefixFor(node, OB2_SVG_NAMESPACE)
  const assertion = ob2 === undefined ? undefined : elementsNamed(node, `${ob2}:assertion`)[0]
  return assertion === undefined ? undefined : { version: 2, text: contentOf(assertion) }
}

/** Where the root start tag ends: the index of its closing `>`, skipping quoted attribute values. */
function rootStartTagEnd(svg: string, rootName: string): { open: number; close: number; selfClosing: boolean } {
  const match = new RegExp(`<${rootName.replace(/[.]/g, '\\.')}[\\s>/]`).exec(stripProlog(svg))
  if (match === null) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the SVG root element could not be located')
  const open = svg.length - stripProlog(svg).length + match.index
  let quote: string | undefined
  for (let i = open + 1; i < svg.length; i++) {
    const c = svg[i]!
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return { open, close: i, selfClosing: svg[i - 1] === '/' }
  }
  throw new MicrocredError('ERR_BADGE_MALFORMED', 'the SVG root element is not closed')
}

/** The text after the XML declaration, comments, processing instructions and DOCTYPE. */
function stripProlog(svg: string): string {
  return svg.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/, '')
}

/**
 * Bakes `payload` (the credential's JSON text, or a compact JWT) into an SVG. An earlier
 * baked credential is replaced, never duplicated.
 */
export function bakeSvg(svg: string, payload: string): string {
  const root = rootOf(svg)
  let prefix = prefixFor(root.node, OB3_SVG_NAMESPACE)
  let out = svg
  if (prefix !== undefined) {
    const p = prefix.replace(/[.]/g, '\\.')
    out = out.replace(new RegExp(`\\s*<${p}:credential(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${p}:credential\\s*>)`, 'g'), '')
  }
  const tag = rootStartTagEnd(out, root.name)
  let startTag = out.slice(tag.open, tag.selfClosing ? tag.close - 1 : tag.close)
  if (prefix === undefined) {
    prefix = 'openbadges'
    if (new RegExp(`\\sxmlns:${prefix}=`).test(startTag)) throw new MicrocredError('ERR_BADGE_MALFORMED', 'the SVG binds the prefix "openbadges" to another namespace')
    startTag += ` xmlns:${prefix}="${OB3_SVG_NAMESPACE}"`
  }
  const isJwt = !payload.trimStart().startsWith('{')
  // "]]>" cannot appear inside CDATA: split the section around it.
  const element = isJwt
    ? `<${prefix}:credential verify="${escapeAttribute(payload)}"></${prefix}:credential>`
    : `<${prefix}:credential><![CDATA[${payload.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${prefix}:credential>`
  const rest = out.slice(tag.close + 1)
  return `${out.slice(0, tag.open)}${startTag}>\n${element}${tag.selfClosing ? `</${root.name}>` : ''}${rest}`
}
