/** Maps a value of `domain` linearly onto `range` (pixels). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * About `target` evenly spaced round tick values (steps of 1, 2 or 5 × 10^k)
 * that cover [min, max]: the axis ends on a tick, so no bar or point sits
 * above the top label. A zero-width domain is widened so the axis still has
 * a scale.
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max))
    throw new RangeError('ticks need finite bounds');
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (hi === lo) {
    hi = lo === 0 ? 1 : lo + Math.abs(lo);
    lo = Math.min(lo, 0);
  }
  const step = niceStep((hi - lo) / Math.max(1, target));
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Array.from({ length: last - first + 1 }, (_, i) =>
    Number(((first + i) * step).toFixed(decimals)),
  );
}

function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const factor = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return factor * magnitude;
}

/** A tick label: no float noise (0.30000000000000004) and thousands separators. */
export function formatTick(value: number): string {
  return Number(value.toPrecision(12)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
