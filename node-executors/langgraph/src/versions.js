// Installed versions, read from the packages' own package.json (what runs, not what was asked for).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export function installedVersion(name) {
  try {
    // Resolve the entry point and walk up: not every package exports ./package.json.
    let dir = dirname(require.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        if (pkg.name === name) return pkg.version;
      } catch {
        // no package.json at this level
      }
      if (dirname(dir) === dir) return "not installed";
      dir = dirname(dir);
    }
  } catch {
    return "not installed";
  }
}
