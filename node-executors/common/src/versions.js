// Installed versions, read from the packages' own package.json (what runs, not what was asked for).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The version of package `name` as resolved from the module at `fromUrl` (the executor's own import.meta.url:
 * this package is linked, so resolving from here would search its own node_modules, not the executor's).
 */
export function installedVersion(name, fromUrl) {
  try {
    // Resolve the entry point and walk up: not every package exports ./package.json.
    let dir = dirname(createRequire(fromUrl).resolve(name));
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
