// The one multi-step quick input of the wizard flows: each step is a quick pick or an input box titled "2/6" with a
// Back button (QuickInputButtons.Back) from the second step on. Back returns to the previous step with every answer
// kept, so changing one answer does not mean starting over. Escape (or focus leaving, which the steps ignore) ends
// the flow quietly with FlowDismissed. Which steps apply may depend on earlier answers (certify/stepOrder.ts).
import * as vscode from 'vscode';
import { nextActive, stepPosition } from '../certify/stepOrder';

/** Thrown to end a flow quietly when the user dismisses a step. */
export class FlowDismissed extends Error {
  constructor() {
    super('dismissed');
  }
}

export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface PickOptions<T extends vscode.QuickPickItem> {
  readonly placeholder: string;
  readonly items: readonly T[];
  /** The item highlighted when the step opens (the default answer). */
  readonly active?: T;
  /** Multi-select: the items ticked when the step opens. */
  readonly selected?: readonly T[];
  readonly canPickMany?: boolean;
  /** Refuses an accepted choice with a message (shown in the pick and as an error), keeping the step open. */
  readonly check?: (chosen: T[]) => Promise<string | undefined>;
}

export interface TextOptions {
  readonly prompt: string;
  readonly value: string;
  /** An error message for the text, or undefined when it is a valid answer. */
  readonly validate: (text: string) => string | undefined;
}

/** One step's quick input: its title carries "k/n" and the Back button when there is a step to go back to. */
export class StepInput {
  constructor(
    private readonly title: string,
    private readonly position: { step: number; totalSteps: number },
  ) {}

  private frame(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox): void {
    input.title = this.title;
    input.step = this.position.step;
    input.totalSteps = this.position.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = this.position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  /** The accepted items (one unless canPickMany), or BACK. */
  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[] | Back> {
    const input = vscode.window.createQuickPick<T>();
    this.frame(input);
    input.placeholder = options.placeholder;
    input.canSelectMany = options.canPickMany ?? false;
    input.items = options.items;
    if (options.selected) input.selectedItems = options.selected;
    if (options.active) input.activeItems = [options.active];
    return settle(input, (done) => [
      input.onDidAccept(async () => {
        const chosen = input.canSelectMany ? [...input.selectedItems] : [...input.activeItems];
        if (!input.canSelectMany && chosen.length === 0) return;
        input.busy = true;
        const refusal = await options.check?.(chosen);
        input.busy = false;
        if (refusal === undefined) return done(chosen);
        input.placeholder = `Refused: ${refusal}`;
        void vscode.window.showErrorMessage(refusal);
      }),
    ]);
  }

  /** The accepted text (valid by `validate`), or BACK. */
  text(options: TextOptions): Promise<string | Back> {
    const input = vscode.window.createInputBox();
    this.frame(input);
    input.prompt = options.prompt;
    input.value = options.value;
    input.validationMessage = options.validate(options.value);
    return settle(input, (done) => [
      input.onDidChangeValue((v) => {
        input.validationMessage = options.validate(v);
      }),
      input.onDidAccept(() => {
        const message = options.validate(input.value);
        input.validationMessage = message;
        if (message === undefined) done(input.value);
      }),
    ]);
  }
}

/** Shows `input` until it is accepted (the value `done` gets), Back is pressed (BACK), or it is hidden (FlowDismissed). */
function settle<V>(input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> }, listen: (done: (v: V) => void) => vscode.Disposable[]): Promise<V | Back> {
  return new Promise<V | Back>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      for (const d of disposables) d.dispose();
      input.dispose();
    };
    const disposables: vscode.Disposable[] = [
      ...listen((v) => finish(() => resolve(v))),
      input.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(() => resolve(BACK));
      }),
      input.onDidHide(() => finish(() => reject(new FlowDismissed()))),
    ];
    input.show();
  });
}

/** A step of a flow over answers `S`: it shows one quick input and returns the answers with its own filled in. */
export interface Step<S> {
  /** Whether the step applies given the answers so far (default: always). */
  readonly when?: (answers: S) => boolean;
  run(input: StepInput, answers: S): Promise<S | Back>;
}

/** Runs `steps` in order from `initial`, with Back; resolves with the answers of the last step. */
export async function runSteps<S>(title: string, steps: ReadonlyArray<Step<S>>, initial: S): Promise<S> {
  const active = (answers: S): boolean[] => steps.map((s) => s.when?.(answers) ?? true);
  const visited: number[] = [];
  let answers = initial;
  let index = nextActive(active(answers), -1);
  while (index < steps.length) {
    const result = await steps[index].run(new StepInput(title, stepPosition(active(answers), index)), answers);
    if (result === BACK) {
      index = visited.pop() ?? index;
      continue;
    }
    answers = result;
    visited.push(index);
    index = nextActive(active(answers), index);
  }
  return answers;
}
