/**
 * Number formats shared by every scenario's table, so two reports of the
 * same quantity always read alike.
 */

/** Milliseconds with three significant-looking decimals below 10 ms. */
export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(3);
}

/** A rate such as requests per second, with thousands separators. */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${mib.toFixed(mib >= 100 ? 0 : 1)} MiB`;
}
