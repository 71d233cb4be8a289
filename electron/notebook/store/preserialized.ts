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

/** A `JSON.stringify` replacer that puts in the JSON made elsewhere. */
export function usePreserialized(this: unknown, key: string, value: unknown): unknown {
  const pre = typeof this === 'object' && this !== null ? fields.get(this) : undefined;
  const json = pre?.[key];
  return json === undefined ? value : (JSON as unknown as RawJson).rawJSON(json);
}
