// The user's answers, per path, to "this query reads or writes <path>, outside the workspace folder: allow?" for the
// session (the window's life). Kept apart from VS Code (the question is passed in) so the decision is unit-tested.

/** Asks the user about one path; resolves true for Allow. */
export type AskAboutPath = (path: string) => Promise<boolean>;

export class OutsidePathConsent {
  private readonly answers = new Map<string, boolean>();

  /** The paths allowed so far (sent with every run request). */
  get allowed(): string[] {
    return [...this.answers].filter(([, allow]) => allow).map(([path]) => path);
  }

  /** Asks about each path not answered yet this session, one at a time; resolves with the refused paths (now or
   * earlier). An empty list means every path is allowed. */
  async confirm(paths: readonly string[], ask: AskAboutPath): Promise<string[]> {
    const refused: string[] = [];
    for (const path of new Set(paths)) {
      let allow = this.answers.get(path);
      if (allow === undefined) {
        allow = await ask(path);
        this.answers.set(path, allow);
      }
      if (!allow) refused.push(path);
    }
    return refused;
  }
}
