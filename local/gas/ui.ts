/**
 * SpreadsheetApp.getUi(): menus, alerts and prompts. Tests queue the buttons and text a person
 * would choose; everything shown is recorded.
 */

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export interface MenuItem {
  caption: string;
  functionName: string;
}

export interface Shown {
  kind: 'alert' | 'prompt';
  title: string;
  message: string;
  buttons: string;
}

export interface Reply {
  button: string;
  text?: string;
}

export class FakeUi {
  Button = Button;
  ButtonSet = ButtonSet;
  menus: { caption: string; items: (MenuItem | 'separator')[] }[] = [];
  shown: Shown[] = [];
  replies: Reply[] = [];

  createMenu(caption: string) {
    const items: (MenuItem | 'separator')[] = [];
    const menu = {
      addItem: (itemCaption: string, functionName: string) => {
        items.push({ caption: itemCaption, functionName });
        return menu;
      },
      addSeparator: () => {
        items.push('separator');
        return menu;
      },
      addToUi: () => {
        this.menus = this.menus.filter((m) => m.caption !== caption);
        this.menus.push({ caption, items });
      },
    };
    return menu;
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons), as in the reference. */
  private show(kind: Shown['kind'], args: string[]): Reply {
    const [a, b, c] = args;
    const entry: Shown =
      args.length >= 3
        ? { kind, title: a, message: b, buttons: c }
        : args.length === 2 && Object.values(ButtonSet).includes(b as never)
          ? { kind, title: '', message: a, buttons: b }
          : args.length === 2
            ? { kind, title: a, message: b, buttons: ButtonSet.OK }
            : { kind, title: '', message: a, buttons: kind === 'prompt' ? ButtonSet.OK : ButtonSet.OK };
    this.shown.push(entry);
    return this.replies.shift() ?? { button: Button.OK, text: '' };
  }

  alert(...args: string[]): string {
    return this.show('alert', args).button;
  }

  prompt(...args: string[]) {
    const reply = this.show('prompt', args);
    return { getResponseText: () => reply.text ?? '', getSelectedButton: () => reply.button };
  }
}
