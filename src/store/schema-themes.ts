/** Tables filled by `trends` (migration 0004, owned by src/themes/). */

export interface ClustersTable {
  id: number; // autoincrement; stable forever, users link to it
  category: string;
  title: string;
  description: string | null;
  component: string | null;
  merged_into: number | null; // set when a near-duplicate theme was merged into another
  created_at: string;
  updated_at: string;
}
