// The import graph of src/, read from the sources with a small parser: every static
// `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')` with a
// literal specifier, type-only imports included (a type cycle is still a cycle for readers).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export interface ImportEdge {
  from: string
  /** The specifier as written. */
  specifier: string
  /** Repository-relative path of the target for relative specifiers; undefined for packages. */
  target: string | undefined
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The TypeScript file a relative `.js` specifier compiles from (or the data file itself). */
function resolveTarget(root: string, fromFile: string, specifier: string): string {
  const absolute = resolve(dirname(join(root, fromFile)), specifier)
  return relative(root, absolute.endsWith('.js') ? absolute.slice(0, -3) + '.ts' : absolute)
}

export function importEdges(root: string, srcDir = 'src'): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of sourceFiles(join(root, srcDir))) {
    const from = relative(root, file)
    const source = stripComments(readFileSync(file, 'utf8'))
    for (const match of source.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!
      const target = specifier.startsWith('.') ? resolveTarget(root, from, specifier) : undefined
      edges.push({ from, specifier, target })
    }
  }
  return edges
}

/** Every strongly connected component with more than one file (or a self-import): the cycles. */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const { from, target } of edges) {
    if (!graph.has(from)) graph.set(from, [])
    if (target !== undefined && target.endsWith('.ts')) graph.get(from)!.push(target)
  }
  // Tarjan's algorithm, iterative enough for a source tree (recursion depth = import depth)
  let index = 0
  const indices = new Map<string, number>()
  const lowlink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string): void => {
    indices.set(node, index)
    lowlink.set(node, index++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next)
        lowlink.set(node, Math.min(lowlink.get(node)!, lowlink.get(next)!))
      } else if (onStack.has(next)) {
        lowlink.set(node, Math.min(lowlink.get(node)!, indices.get(next)!))
      }
    }
    if (lowlink.get(node) === indices.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!indices.has(node)) visit(node)
  return cycles
}
