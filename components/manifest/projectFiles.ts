/**
 * Confines the files a manifest names to its project. A schema file is read and embedded in the
 * plan and the schema registry, so a manifest must not reach `/etc/…`, `~/.aws/…` or another
 * repository, whether by an absolute path, by `..`, or through a symlink.
 *
 * The project is the directory of the nearest `Pulumi.yaml` above the manifest (its real location,
 * so a symlinked `domains/` belongs to the project it really lives in); without one, the manifest's
 * own directory.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type ConfinedFile = { ok: true; path: string } | { ok: false; reason: string };

/** The file `schemaPath` names, relative to `manifestFile`, if it is relative and stays inside the project. */
export function confinedSchemaFile(manifestFile: string, schemaPath: string): ConfinedFile {
  if (path.isAbsolute(schemaPath)) {
    return { ok: false, reason: `schema file ${schemaPath} must be a path relative to the manifest, not an absolute one` };
  }
  const project = projectOf(manifestFile);
  const outside = { ok: false, reason: `schema file ${schemaPath} is outside ${project.name}; schema files must stay inside it` } as const;
  const file = path.resolve(realDirectory(manifestFile), schemaPath);
  if (!isWithin(file, project.directory)) return outside;
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { ok: true, path: file }; // the reader reports the missing file
  }
  return isWithin(real, project.directory) ? { ok: true, path: real } : outside;
}

function projectOf(manifestFile: string): { directory: string; name: string } {
  const own = realDirectory(manifestFile);
  for (let dir = own; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) || fs.existsSync(path.join(dir, "Pulumi.yml"))) {
      return { directory: dir, name: "the Pulumi project (the directory of Pulumi.yaml)" };
    }
    if (path.dirname(dir) === dir) return { directory: own, name: "the manifest's directory (no Pulumi.yaml above it)" };
  }
}

/** The manifest's directory with symlinks resolved, so `..` climbs from where the file really is. */
function realDirectory(manifestFile: string): string {
  const directory = path.resolve(path.dirname(manifestFile));
  try {
    return fs.realpathSync(directory);
  } catch {
    return directory;
  }
}

function isWithin(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
