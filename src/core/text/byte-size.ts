/**
 * @module core/text/byte-size
 * Sizes as people read limits: `10 MiB`, `512 KiB`, `1.5 MiB`, `900 bytes`.
 */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size) {
      const value = bytes / size
      return `${Number.isInteger(value) ? value : Number(value.toFixed(1))} ${unit}`
    }
  }
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
}
