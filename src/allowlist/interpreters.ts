/**
 * How each supported interpreter reads its command line: which options take a value, which run inline
 * code or load code by name (refused: neither can be hashed), and where the script argument is.
 * Unknown options are refused rather than guessed at, because an option that silently takes a value
 * would shift which argument is the script.
 */
export type InterpreterFamily = 'python' | 'node' | 'shell' | 'perl' | 'ruby';

interface OptionTable {
  /** Single-letter flags with no value. */
  readonly flags: string;
  /** Single-letter options whose value follows (attached or as the next argument). */
  readonly valued: string;
  /** Letters that only print (version, help): with no script, nothing runs. */
  readonly info: string;
  /** Letters that run code given on the command line or on stdin. */
  readonly inline: string;
  /** Letters that load code by module name, found through a search path the caller controls. */
  readonly byName: string;
  /** Long options with no value. */
  readonly longFlags: readonly string[];
  /** Long options that run inline code or load code by name. */
  readonly longRefused: readonly string[];
  /** Long options taking a value (`--x=v` or `--x v`). */
  readonly longValued: readonly string[];
}

const TABLES: Readonly<Record<InterpreterFamily, OptionTable>> = {
  python: {
    info: 'hV',
    flags: 'bBdEhIOPqsSuvVx',
    valued: 'WX',
    inline: 'c',
    byName: 'm',
    longFlags: ['--version', '--help'],
    longRefused: [],
    longValued: ['--check-hash-based-pycs'],
  },
  node: {
    info: 'v',
    flags: 'v',
    valued: '',
    inline: 'ep',
    byName: 'r',
    longFlags: ['--no-warnings', '--enable-source-maps', '--trace-warnings', '--trace-uncaught', '--no-deprecation', '--throw-deprecation', '--pending-deprecation', '--version', '--expose-gc'],
    longRefused: ['--eval', '--print', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--interactive', '--input-type', '--experimental-default-type'],
    longValued: ['--max-old-space-size', '--stack-size', '--unhandled-rejections', '--title', '--heapsnapshot-signal', '--diagnostic-dir'],
  },
  shell: {
    info: '',
    flags: 'aCefhmnuvxBEHPT',
    valued: 'o',
    inline: 'cis',
    byName: '',
    longFlags: ['--norc', '--noprofile', '--posix', '--noediting', '--restricted'],
    longRefused: ['--rcfile', '--init-file'],
    longValued: [],
  },
  perl: {
    info: 'v',
    flags: 'acnpsStTuUvwWX',
    valued: 'ClI',
    inline: 'eE',
    byName: 'mMx',
    longFlags: ['--version', '--help'],
    longRefused: [],
    longValued: [],
  },
  ruby: {
    info: '',
    flags: 'acdlnpsSvwWy',
    valued: 'CEFIKTx',
    inline: 'e',
    byName: 'r',
    longFlags: ['--verbose', '--version', '--disable-gems', '--disable-all', '--jit', '--yjit'],
    longRefused: ['--require'],
    longValued: ['--encoding', '--external-encoding', '--internal-encoding'],
  },
};

const FAMILY_BY_BASENAME: ReadonlyArray<readonly [RegExp, InterpreterFamily]> = [
  [/^python(\d+(\.\d+)*)?$/, 'python'],
  [/^pypy\d*(\.\d+)?$/, 'python'],
  [/^node(js)?$/, 'node'],
  [/^(ba|da|z|k|mk|a)?sh$/, 'shell'],
  [/^perl(\d+(\.\d+)*)?$/, 'perl'],
  [/^ruby(\d+(\.\d+)*)?$/, 'ruby'],
];

/** The interpreter family of a resolved executable, by basename; null for other programs. */
export function interpreterFamilyOf(basename: string): InterpreterFamily | null {
  for (const [pattern, family] of FAMILY_BY_BASENAME) if (pattern.test(basename)) return family;
  return null;
}

/** What the interpreter will run: a script file, or a refusal naming the reason. */
export type ScriptArgument =
  | { readonly kind: 'script'; readonly path: string; readonly index: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Finds the script argument in `args` (the interpreter's arguments, without argv[0]). `none` means the
 * interpreter was asked for something that runs no code (`--version`); with no script and no such
 * flag it would read code from stdin, which is refused.
 */
export function findScriptArgument(family: InterpreterFamily, args: readonly string[]): ScriptArgument {
  const table = TABLES[family];
  let sawInfoFlag = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') return scriptAt(args, i + 1);
    if (arg === '-') return { kind: 'refused', reason: 'reads code from stdin' };
    if (arg.startsWith('--')) {
      const long = longOption(table, arg, i);
      if (long.kind === 'refused') return long;
      if (long.info) sawInfoFlag = true;
      i = long.next;
      continue;
    }
    if (family === 'shell' && arg.startsWith('+')) {
      if (arg === '+o') i += 1;
      continue;
    }
    if (!arg.startsWith('-')) return { kind: 'script', path: arg, index: i };
    const short = shortCluster(table, arg, args, i);
    if (short.kind === 'refused') return short;
    if (short.info) sawInfoFlag = true;
    i = short.next;
  }
  return sawInfoFlag ? { kind: 'none' } : { kind: 'refused', reason: 'no script is named, so it would read code from stdin' };
}

function scriptAt(args: readonly string[], index: number): ScriptArgument {
  const path = args[index];
  if (path === undefined || path === '-') return { kind: 'refused', reason: 'reads code from stdin' };
  return { kind: 'script', path, index };
}

type OptionStep = { readonly kind: 'ok'; readonly next: number; readonly info: boolean } | { readonly kind: 'refused'; readonly reason: string };

function longOption(table: OptionTable, arg: string, i: number): OptionStep {
  const eq = arg.indexOf('=');
  const name = eq === -1 ? arg : arg.slice(0, eq);
  if (table.longRefused.includes(name)) return { kind: 'refused', reason: `option ${name} runs code that is not a hashed file` };
  if (table.longFlags.includes(name) && eq === -1) return { kind: 'ok', next: i, info: name === '--version' || name === '--help' };
  if (table.longValued.includes(name)) return { kind: 'ok', next: eq === -1 ? i + 1 : i, info: false };
  return { kind: 'refused', reason: `option ${name} is not known to be safe` };
}

function shortCluster(table: OptionTable, arg: string, args: readonly string[], i: number): OptionStep {
  let info = false;
  for (let k = 1; k < arg.length; k += 1) {
    const letter = arg[k]!;
    if (table.inline.includes(letter)) return { kind: 'refused', reason: `option -${letter} runs inline code or stdin` };
    if (table.byName.includes(letter)) return { kind: 'refused', reason: `option -${letter} loads code by name` };
    if (table.valued.includes(letter)) return { kind: 'ok', next: k === arg.length - 1 ? i + 1 : i, info };
    if (!table.flags.includes(letter)) return { kind: 'refused', reason: `option -${letter} is not known to be safe` };
    if (table.info.includes(letter)) info = true;
  }
  return { kind: 'ok', next: i, info };
}
