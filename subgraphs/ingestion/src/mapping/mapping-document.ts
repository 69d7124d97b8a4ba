import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath, type MappingProblem } from './mapping-problems.js';

/**
 * A mapping file parsed with its source positions. YAML 1.2 is a superset
 * of JSON, so one parser reads both formats and every problem found later
 * (by the schema, or against the graph model) can name its line.
 */
export class MappingDocument {
  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(
    file: string,
    text: string,
  ): { document: MappingDocument; problems: MappingProblem[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    const parsed = new MappingDocument(file, document, lines);
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      return {
        file,
        line: position?.line ?? 0,
        column: position?.col ?? 0,
        path: '',
        message:
          error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message,
      };
    });
    return { document: parsed, problems };
  }

  /** The plain data, for schema validation. */
  toJS(): unknown {
    return this.document.toJS();
  }

  /**
   * A problem at `path`, positioned at the deepest part of the path that is
   * in the file (a missing key is reported where it should have been).
   */
  problem(path: readonly PropertyKey[], message: string): MappingProblem {
    const keys = path.filter((part): part is string | number => typeof part !== 'symbol');
    for (let length = keys.length; length >= 0; length -= 1) {
      const offset = this.offsetOf(keys.slice(0, length));
      if (offset !== undefined) {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, column: col, path: formatPath(keys), message };
      }
    }
    return { file: this.file, line: 0, column: 0, path: formatPath(keys), message };
  }

  /** Where a map entry's key is written (that is where a reader looks), else where the node starts. */
  private offsetOf(keys: readonly (string | number)[]): number | undefined {
    const last = keys[keys.length - 1];
    if (typeof last === 'string') {
      const parent: unknown =
        keys.length === 1 ? this.document.contents : this.document.getIn(keys.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
      }
    }
    const node: unknown =
      keys.length === 0 ? this.document.contents : this.document.getIn(keys, true);
    return isNode(node) && node.range ? node.range[0] : undefined;
  }
}
