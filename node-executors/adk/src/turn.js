// What one turn learned from ADK's callbacks that its events do not carry: the model error as thrown (ADK turns
// it into an error event holding only its message) and the text of the last reply. Reached through an
// AsyncLocalStorage, as the shared accounting is: one Runner and one plugin serve every concurrent turn.
import { AsyncLocalStorage } from "node:async_hooks";

const current = new AsyncLocalStorage();

export class TurnRecord {
  /** The first error a model call raised in this turn (ADK's own call limit included), or null. */
  modelError = null;
  /** Text of the turn's last model reply that had any: the output when max_iterations cuts the turn. */
  lastText = "";
  /** performance.now() when the model call in flight started, else null. */
  callStarted = null;

  bind(fn) {
    return current.run(this, fn);
  }
}

export const currentTurn = () => current.getStore();
