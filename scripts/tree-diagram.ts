/** Writes docs/decision-tree.md from the troubleshooter's tree: `npx tsx scripts/tree-diagram.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDecisionTreeDoc } from '../src/troubleshoot/diagram.js';

const target = fileURLToPath(new URL('../docs/decision-tree.md', import.meta.url));
writeFileSync(target, renderDecisionTreeDoc());
console.log(`wrote ${target}`);
