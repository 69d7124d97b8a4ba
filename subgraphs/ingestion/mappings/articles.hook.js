// @ts-check
/**
 * The hook of the `articles` source (see articles.yaml): what the mapping
 * cannot say. Drafts are skipped; a topic given as a plain string becomes
 * { slug, label }, and every slug is normalised, so "Graph Databases" and
 * "graph-databases" are one Topic.
 *
 * JavaScript so that it also runs in the production image; TypeScript
 * hooks work under tsx (`npm start`) and in tests.
 *
 * @type {import('@memgate/ingestion').RecordTransform}
 */
export function transform(record) {
  if (record['status'] === 'draft') return null;
  const topics = Array.isArray(record['topics']) ? record['topics'] : [];
  return {
    ...record,
    topics: topics.map((topic) =>
      typeof topic === 'string'
        ? { slug: slugify(topic), label: topic }
        : { ...topic, slug: slugify(String(topic?.slug ?? topic?.label ?? '')) },
    ),
  };
}

/** @param {string} text */
function slugify(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
