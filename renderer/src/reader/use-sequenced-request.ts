import { useCallback, useState } from 'react';

/**
 * A request the reader serves once (scroll to a highlight, reveal a span of the text): each one
 * sent carries a new `seq`, so asking again for the same place is a new request, not a no-op.
 */
export function useSequencedRequest<T extends object>() {
  const [request, setRequest] = useState<(T & { seq: number }) | null>(null);
  const send = useCallback(
    (value: T) => setRequest((r) => ({ ...value, seq: (r?.seq ?? 0) + 1 })),
    [],
  );
  return [request, send] as const;
}
