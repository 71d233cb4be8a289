import { useEffect, useState } from 'react';

/**
 * The charts' colours, as values rather than CSS variables: the SVG is exported as it is drawn,
 * and a file opened elsewhere has no stylesheet, so every fill is an attribute. Light and dark
 * follow the system, as the app's style sheets do (the same greys and accent as base.css).
 */
export interface ChartTheme {
  background: string;
  text: string;
  muted: string;
  grid: string;
  empty: string;
  /** The colour scale's two ends: few quotes, most quotes. */
  low: string;
  high: string;
  /** Count text on a dark cell and on a light cell. */
  onHigh: string;
  onLow: string;
  selected: string;
  /** Lines of the timeline, one per code. */
  series: readonly string[];
  font: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Ubuntu, "Noto Sans", sans-serif';

export const LIGHT: ChartTheme = {
  background: '#fdfcf9',
  text: '#1d1c1a',
  muted: '#5f5d57',
  grid: '#dfddd6',
  empty: '#f1efe9',
  low: '#dde7fb',
  high: '#1d4aa8',
  onHigh: '#ffffff',
  onLow: '#1d1c1a',
  selected: '#d9480f',
  series: ['#2c62d6', '#d9480f', '#2f9e44', '#ae3ec9', '#c2255c', '#0c8599', '#e8590c', '#5c7cfa'],
  font: FONT,
};

export const DARK: ChartTheme = {
  background: '#17171a',
  text: '#e9e7e2',
  muted: '#a3a09a',
  grid: '#2f2f33',
  empty: '#222226',
  low: '#27324d',
  high: '#9dbcff',
  onHigh: '#101014',
  onLow: '#e9e7e2',
  selected: '#ffa94d',
  series: ['#7aa2f7', '#ffa94d', '#69db7c', '#da77f2', '#f783ac', '#66d9e8', '#ffd43b', '#91a7ff'],
  font: FONT,
};

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme for the system's colour scheme, following it when it changes. */
export function useChartTheme(): ChartTheme {
  const [dark, setDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark ? DARK : LIGHT;
}
