import type { ChartKind } from './query.ts';

/** A row or a column of a table. */
export interface Axis {
  id: string;
  /** As people read it: a tag's full path, a document's title, a year. */
  label: string;
  /** Counted apart and not drawn on the chart's scale (undated documents, quotes with no code). */
  apart?: boolean;
}

/** A tag pair and how often the two occur together (co-occurrence). */
export interface TagPair {
  a: Axis;
  b: Axis;
  count: number;
}

/**
 * One chart's numbers: a table of counts of distinct quotes (`cells[row][column]`), the same
 * table the page draws, lists beside the picture and exports as CSV.
 */
export interface AnalysisTable {
  chart: ChartKind;
  /** What the rows and columns are ("Code", "Document", "Speaker", "Year"). */
  rowHeading: string;
  columnHeading: string;
  rows: Axis[];
  columns: Axis[];
  cells: number[][];
  /** Distinct quotes (or passages) per row and per column, which is not the sum of the cells. */
  rowTotals: number[];
  columnTotals: number[];
  /** The largest count the colour scale must reach (apart columns and a diagonal left out). */
  max: number;
  /** Quotes the filter let through. */
  quotes: number;
  /** What the unit of counting is, for the caption ("quotes", "passages"). */
  unit: string;
  /** Co-occurrence: the diagonal (a tag with itself) is not a pair and is left empty. */
  diagonal?: 'empty';
  /** Co-occurrence: every pair, most frequent first (the page shows the first ones). */
  pairs?: TagPair[];
  /** Sentences the page shows under the chart: what was left out or counted apart, and why. */
  notes: string[];
}

/** A quote behind a cell, as the list under the chart shows it. */
export interface CellQuote {
  id: string;
  documentId: string;
  documentTitle: string;
  exact: string;
  tags: string[];
}

export interface CellQuotes {
  row: Axis;
  column: Axis;
  /** Every quote behind the cell; `quotes` holds the first `limit` of them. */
  total: number;
  quotes: CellQuote[];
}
