/** Problems with an image reference: none when it names a tag other than latest (a digest is better). */
export function imagePinProblem(image: string): string | undefined {
  const [reference, digest] = image.split('@');
  if (digest !== undefined) {
    return /^sha256:[0-9a-f]{64}$/.test(digest) ? undefined : `${image}: malformed digest`;
  }
  // The tag follows the last ':' after the last '/' (a registry host may have a port).
  const name = reference ?? '';
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon < 0) return `${image}: no tag (means latest)`;
  const tag = name.slice(colon + 1);
  if (tag === '' || tag === 'latest') return `${image}: tag latest moves`;
  if (/\$\{[^}]*\}/.test(tag) && !/:-[^}]+\}/.test(tag))
    return `${image}: tag from a variable with no default`;
  return undefined;
}

/** `image` without a digest: pinned by tag only. */
export function hasDigest(image: string): boolean {
  return image.includes('@sha256:');
}
