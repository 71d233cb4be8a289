/**
 * JSON made elsewhere for some string fields of a record, so the thread that owns the store
 * does not serialise them again. An imported book's text runs to megabytes; the parse worker
 * already has it in hand and writes its JSON there, and the journal line for the new document
 * takes it as it is (`JSON.rawJSON`, which takes strings, numbers and the like, not objects).
 * Only for fields that never change in place (a document's text: a new version is a new record
 * object, which has no entry here).
 */
/** `JSON.rawJSON` (V8 11.4+, Node 21+), not yet in TypeScript's lib. */
type RawJson = { rawJSON(text: string): unknown };

const fields = new WeakMap<object, Readonly<Record<string, string>>>();

export function preserialize(record: object, json: Readonly<Record<string, string>>): void {
  fields.set(record, json);
}

/**
 * The replacer a journal line needs: none for an ordinary edit (a replacer is called for every
 * value, which would slow a restore's line of a whole notebook), this one when a record it puts
 * carries JSON made elsewhere.
 */
export function replacerFor(
  ops: readonly ({ record?: object } | object)[],
): typeof usePreserialized | undefined {
  const carries = ops.some(
    (op) => 'record' in op && typeof op.record === 'object' && op.record && fields.has(op.record),
  );
  return carries ? usePreserialized : undefined;
}

/** A `JSON.stringify` replacer that puts in the JSON made elsewhere. */
export function usePreserialized(this: unknown, key: string, value: unknown): unknown {
  const pre = typeof this === 'object' && this !== null ? fields.get(this) : undefined;
  const json = pre?.[key];
  return json === undefined ? value : (JSON as unknown as RawJson).rawJSON(json);
}
