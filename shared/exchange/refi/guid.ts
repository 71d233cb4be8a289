import { v5 as uuidv5 } from 'uuid';

/**
 * REFI-QDA names everything by GUID. Marginalia's ids are not GUIDs, so each is turned into a
 * name-based UUID (version 5) under Marginalia's own namespace: the same record always gets the
 * same GUID, so exporting twice gives the same project, and a project Marginalia wrote can be
 * recognised when it comes back (`guidIndex`).
 */
const MARGINALIA_NAMESPACE = '3a0d7f52-6c1e-5b8e-9d41-6d61726769e1';

export type GuidKind =
  | 'project'
  | 'user'
  | 'document'
  | 'tag'
  | 'quote'
  | 'coding'
  | 'note'
  | 'comment'
  | 'set';

/** The GUID of a Marginalia record of a kind, upper-case as the specification's examples. */
export function guidFor(kind: GuidKind, id: string): string {
  return uuidv5(`${kind}:${id}`, MARGINALIA_NAMESPACE).toUpperCase();
}

/** The form GUIDs are compared in: lower case, no braces (tools write either, and `{…}`). */
export function normalizeGuid(guid: string): string {
  return guid
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}
