import { context, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/**
 * Runs `work` with `span` current (on top of `parent`), marks the span
 * failed with the error when `work` throws, and ends it either way: what
 * every span Memgate opens around an operation needs.
 */
export async function runInSpan<T>(
  span: Span,
  work: () => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}
