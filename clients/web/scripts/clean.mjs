// Removes build outputs before a build (tsc never deletes what a renamed or removed source once produced, and npm
// pack would ship it): node scripts/clean.mjs lib
import { rmSync } from "node:fs";

for (const path of process.argv.slice(2)) rmSync(path, { recursive: true, force: true });
