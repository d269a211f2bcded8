/**
 * Typo-tolerant name lookup: trigrams narrow thousands of names to a few dozen, then the edit
 * distance ranks them, so a lookup never compares the typed name with every name.
 */

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), or `max + 1` early. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  if (Math.abs(a.length - b.length) > max) return max + 1
  const n = b.length
  let before = new Array<number>(n + 1).fill(0)
  let previous = Array.from({ length: n + 1 }, (_, j) => j)
  let current = new Array<number>(n + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[n]!
}

/** Edits a name of this length may carry and still be the same name. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 1
  if (length <= 5) return 1
  if (length <= 9) return 2
  return 3
}

function trigrams(name: string): string[] {
  const padded = `  ${name} `
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3))
  return [...grams]
}

export interface NameHit {
  id: number
  name: string
  distance: number
}

/** Distinct names, each with an id, found again by exact name or by a near spelling. */
export class FuzzyNames {
  private readonly ids = new Map<string, number>()
  private readonly names: string[] = []
  private readonly postings = new Map<string, number[]>()

  get size(): number {
    return this.names.length
  }

  /** The id of a name, added on first sight. */
  add(name: string): number {
    const known = this.ids.get(name)
    if (known !== undefined) return known
    const id = this.names.length
    this.names.push(name)
    this.ids.set(name, id)
    for (const gram of trigrams(name)) {
      const list = this.postings.get(gram)
      if (list) list.push(id)
      else this.postings.set(gram, [id])
    }
    return id
  }

  idOf(name: string): number | undefined {
    return this.ids.get(name)
  }

  nameOf(id: number): string {
    return this.names[id]!
  }

  /**
   * The names within the allowed edits of `query`, nearest first (the exact name, if known,
   * comes first). Only names sharing a trigram with the query are compared; of those, the
   * `shortlist` sharing most are.
   */
  search(query: string, shortlist = 40): NameHit[] {
    const max = allowedEdits(query.length)
    const grams = trigrams(query)
    // One edit changes at most three trigrams: a name sharing fewer is too far to compare.
    const least = Math.max(1, grams.length - 3 * max - 1)
    const counts = new Map<number, number>()
    for (const gram of grams) {
      const list = this.postings.get(gram)
      if (!list) continue
      for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    const ranked = [...counts]
      .filter(([, shared]) => shared >= least)
      .sort((a, b) => b[1] - a[1])
      .slice(0, shortlist)
    const hits: NameHit[] = []
    for (const [id] of ranked) {
      const name = this.names[id]!
      const distance = editDistance(query, name, max)
      if (distance <= max) hits.push({ id, name, distance })
    }
    return hits.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
  }
}
