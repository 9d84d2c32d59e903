// npm pack ships a LICENSE only from the package's own folder; the repository keeps one, at its root.
import { copyFileSync } from "node:fs";

copyFileSync(new URL("../../../LICENSE", import.meta.url), new URL("../LICENSE", import.meta.url));
