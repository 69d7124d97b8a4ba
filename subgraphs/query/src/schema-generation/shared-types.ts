import type { ScalarKind } from '@memgate/graph-model';
import { names } from './names.js';

const ORDERED: readonly ScalarKind[] = ['ID', 'String', 'Int', 'Float', 'DateTime', 'BigInt'];

/** Filter inputs for every stored scalar, as a single value and as a list. */
function scalarFilters(): string {
  const blocks: string[] = [];
  const all: ScalarKind[] = ['ID', 'String', 'Int', 'Float', 'Boolean', 'DateTime', 'BigInt'];
  for (const scalar of all) {
    const name = names.scalarFilter(scalar, false);
    const lines = [
      `  "Equal to."\n  eq: ${scalar}`,
      `  "Negates the filter."\n  not: ${name}`,
      `  "true: the value is missing (null); false: it is present."\n  isNull: Boolean`,
    ];
    if (scalar !== 'Boolean') lines.push(`  "One of."\n  in: [${scalar}!]`);
    if (ORDERED.includes(scalar)) {
      lines.push(`  lt: ${scalar}`, `  lte: ${scalar}`, `  gt: ${scalar}`, `  gte: ${scalar}`);
    }
    if (scalar === 'ID' || scalar === 'String') {
      lines.push(`  contains: String`, `  startsWith: String`, `  endsWith: String`);
      lines.push(
        `  "A regular expression the whole value must match; only where the server enables regex filters."\n  matches: String`,
      );
    }
    blocks.push(
      `"Conditions on a ${scalar} value; all given conditions must hold."\ninput ${name} {\n${lines.join('\n')}\n}`,
    );
    const listName = names.scalarFilter(scalar, true);
    blocks.push(
      `"Conditions on a list of ${scalar} values."\ninput ${listName} {\n` +
        `  "The list contains this value."\n  includes: ${scalar}\n` +
        `  "The list equals this list."\n  eq: [${scalar}!]\n` +
        `  isEmpty: Boolean\n  isNull: Boolean\n  not: ${listName}\n}`,
    );
  }
  return blocks.join('\n\n');
}

function scalarAggregates(): string {
  return [
    `type ${names.scalarAggregate('Int')} { min: Int max: Int avg: Float sum: Float }`,
    `type ${names.scalarAggregate('Float')} { min: Float max: Float avg: Float sum: Float }`,
    `type ${names.scalarAggregate('BigInt')} { min: BigInt max: BigInt avg: Float sum: BigInt }`,
    `type ${names.scalarAggregate('DateTime')} { min: DateTime max: DateTime }`,
    `type ${names.scalarAggregate('String')} { shortest: String longest: String }`,
  ].join('\n');
}

/** Types every generated schema shares, independent of the graph model. */
export function sharedTypeDefs(): string {
  return `
"An ISO-8601 date-time with an offset, e.g. 2024-05-01T12:00:00Z; nanosecond precision is kept."
scalar DateTime
"A 64-bit integer, as a string in JSON so no digit is lost."
scalar BigInt

enum SortDirection {
  ASC
  DESC
}

"Relay page information."
type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

${scalarFilters()}

${scalarAggregates()}
`;
}
