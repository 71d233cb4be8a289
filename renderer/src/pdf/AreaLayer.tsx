import type { PageViewport } from 'pdfjs-dist';
import { type PointerEvent, useRef, useState } from 'react';
import type { AreaAnnotation } from '../../../shared/annotations.ts';
import type { PdfRect } from '../../../shared/model.ts';
import { boxToPdfRect, cropToPng, pdfRectToBox } from './area-geometry.ts';

export interface NewArea {
  page: number;
  rect: PdfRect;
  image?: string;
}

type Box = { left: number; top: number; width: number; height: number };

/**
 * One page's area highlights, drawn as boxes over it, and (in area mode) the rubber band a reader
 * drags to make a new one. Boxes are buttons: a click opens the highlight's editor.
 */
export function AreaLayer({
  pageIndex,
  label,
  viewport,
  canvas,
  areas,
  activeId,
  drawing,
  onOpen,
  onCreate,
}: {
  pageIndex: number;
  label: string;
  viewport: PageViewport;
  canvas: HTMLCanvasElement | null;
  areas: readonly AreaAnnotation[];
  activeId: string | null;
  drawing: boolean;
  onOpen: (id: string) => void;
  onCreate: (area: NewArea) => void;
}) {
  const layerRef = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [band, setBand] = useState<Box | null>(null);

  const at = (event: PointerEvent) => {
    const r = layerRef.current!.getBoundingClientRect();
    return { x: event.clientX - r.left, y: event.clientY - r.top };
  };
  const boxFrom = (a: { x: number; y: number }, b: { x: number; y: number }): Box => ({
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  });

  return (
    <div
      ref={layerRef}
      className={`pdf-area-layer${drawing ? ' drawing' : ''}`}
      onPointerDown={(event) => {
        if (!drawing || event.button !== 0) return;
        event.preventDefault();
        (event.target as Element).setPointerCapture?.(event.pointerId);
        start.current = at(event);
        setBand(boxFrom(start.current, start.current));
      }}
      onPointerMove={(event) => {
        if (start.current) setBand(boxFrom(start.current, at(event)));
      }}
      onPointerUp={(event) => {
        const from = start.current;
        start.current = null;
        setBand(null);
        if (!from) return;
        const box = boxFrom(from, at(event));
        // A click, not a drag: nothing to mark.
        if (box.width < 6 || box.height < 6) return;
        onCreate({
          page: pageIndex,
          rect: boxToPdfRect(viewport, box),
          image: canvas ? cropToPng(canvas, box) : undefined,
        });
      }}
    >
      {areas.map((area) => {
        const box = pdfRectToBox(viewport, area.target.area.rect);
        return (
          <button
            key={area.id}
            type="button"
            data-area-id={area.id}
            className={`pdf-area c-${area.color}${area.id === activeId ? ' active' : ''}`}
            style={box}
            aria-label={`Area highlight on page ${label}${area.comment ? `: ${area.comment}` : ''}`}
            onClick={() => onOpen(area.id)}
          />
        );
      })}
      {band && <div className="pdf-area-band" style={band} />}
    </div>
  );
}
