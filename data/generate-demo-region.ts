/**
 * Writes the GENERATED DEMO DATA region (Worcester, Shrewsbury, Leicester) as NG911 GIS layer
 * files: `npx tsx data/generate-demo-region.ts <dir>`. Each file can then be loaded with
 * `npm run import -- <layer> <file>`.
 */
import { hashDemoFiles, writeDemoRegion } from './demo-region.ts'

const dir = process.argv[2]
if (!dir) {
  process.stderr.write('usage: npx tsx data/generate-demo-region.ts <dir>\n')
  process.exit(2)
}
const files = await writeDemoRegion(dir)
for (const [layer, file] of Object.entries(files)) {
  process.stdout.write(`${layer.padEnd(15)} ${file}\n`)
}
process.stdout.write(`sha256 ${await hashDemoFiles(files)}\n`)
