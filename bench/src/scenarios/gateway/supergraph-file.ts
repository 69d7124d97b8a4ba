/**
 * The supergraph with each named subgraph's URL replaced, so that gateways
 * which only read the file (Hive Gateway) call the same subgraphs as ours.
 */
export function supergraphAt(
  supergraphSdl: string,
  urls: Readonly<Record<string, string>>,
): string {
  let rewritten = supergraphSdl;
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(rewritten)) throw new Error(`the supergraph has no subgraph "${name}"`);
    rewritten = rewritten.replace(pattern, `$1${url}$2`);
  }
  return rewritten;
}
