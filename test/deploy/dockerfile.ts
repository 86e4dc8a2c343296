import { cp, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Just enough of the Dockerfile format (https://docs.docker.com/reference/dockerfile/) to replay cardbridge's own
 * Dockerfile without a Docker engine: line continuations, comments, ARG defaults in FROM, stages, and the
 * instructions it uses. Anything else is refused, so the replay can never silently skip a step the image takes.
 */
export interface Instruction {
  keyword: string;
  args: string;
  /** `--from=…` and the other `--flag=value`s in front of the arguments. */
  flags: Record<string, string>;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

const KNOWN = new Set(['ARG', 'FROM', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD']);

export async function readDockerfile(path: string): Promise<{ args: Record<string, string>; stages: Stage[] }> {
  const text = (await readFile(path, 'utf8')).replace(/\\\r?\n/g, ' ');
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    const upper = keyword.toUpperCase();
    if (!KNOWN.has(upper)) throw new Error(`the image replay does not know ${keyword}: teach test/deploy/dockerfile.ts what it does`);
    const flags: Record<string, string> = {};
    let body = rest;
    for (let m = /^--([a-z-]+)=(\S+)\s+/.exec(body); m; m = /^--([a-z-]+)=(\S+)\s+/.exec(body)) {
      flags[m[1]!] = m[2]!;
      body = body.slice(m[0].length);
    }
    if (upper === 'ARG' && !stages.length) {
      const [name, value = ''] = body.split('=');
      args[name!] = value;
    } else if (upper === 'FROM') {
      const [, image = '', name = String(stages.length)] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(body) ?? [];
      stages.push({ name, image: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args[arg] ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args: body, flags });
    }
  }
  return { args, stages };
}

/** `ENV A=1 B=2` (the key=value form, values without spaces). */
export function envOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(
    stage.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );
}

/** The exec form (JSON array) of CMD or HEALTHCHECK … CMD. */
export function execForm(text: string): string[] {
  const json = text.slice(text.indexOf('['));
  return JSON.parse(json) as string[];
}

/** `.dockerignore` patterns as matchers over paths relative to the context (`*` within a segment, `**` across). */
export async function readDockerignore(path: string): Promise<(relativePath: string) => boolean> {
  const patterns = (await readFile(path, 'utf8'))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const regexes = patterns.map(
    (pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}(/.*)?$`),
  );
  return (relativePath) => regexes.some((regex) => regex.test(relativePath));
}

/** COPY of build-context paths into `into` (the stage's WORKDIR), leaving out what .dockerignore excludes. */
export async function copyFromContext(context: string, sources: string[], destination: string, into: string, ignored: (path: string) => boolean): Promise<void> {
  for (const source of sources) {
    if (ignored(source)) throw new Error(`COPY ${source}: .dockerignore excludes it, so docker build would fail`);
    const target = destination.endsWith('/') ? join(into, destination, source.split('/').at(-1)!) : join(into, destination);
    await cp(join(context, source), target, {
      recursive: true,
      filter: (from) => !ignored(relative(context, from)),
    });
  }
}

/** The arguments of a COPY: sources and the destination (the last). */
export function copyArgs(instruction: Instruction): { sources: string[]; destination: string } {
  const parts = instruction.args.split(/\s+/);
  return { sources: parts.slice(0, -1), destination: parts.at(-1)! };
}
