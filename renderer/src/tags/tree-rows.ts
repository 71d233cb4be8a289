import { findTagNamed, parentPath, type TagTreeNode, tagTree } from '../../../shared/codebook.ts';
import type { Tag } from '../../../shared/model.ts';

/** One visible row of the tag tree: what the row shows and what its keys need. */
export interface TreeRow {
  tag: Tag;
  /** 0 for top-level tags. */
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  setSize: number;
  posInSet: number;
}

/** The rows a reader sees, in order: the tree walked depth-first, skipping folded subtrees. */
export function visibleRows(tags: readonly Tag[], collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: TagTreeNode[], depth: number, parentId: string | null) => {
    nodes.forEach((node, i) => {
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren && !collapsed.has(node.tag.id);
      rows.push({
        tag: node.tag,
        depth,
        parentId,
        hasChildren,
        expanded,
        setSize: nodes.length,
        posInSet: i + 1,
      });
      if (expanded) walk(node.children, depth + 1, node.tag.id);
    });
  };
  walk(tagTree(tags), 0, null);
  return rows;
}

/** The ids of the tags above `name`, nearest first. */
export function ancestorIds(tags: readonly Tag[], name: string): string[] {
  const ids: string[] = [];
  for (let p = parentPath(name); p !== null; p = parentPath(p)) {
    const parent = findTagNamed(tags, p);
    if (parent) ids.push(parent.id);
  }
  return ids;
}
