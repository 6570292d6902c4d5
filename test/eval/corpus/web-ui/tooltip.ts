export interface TooltipOptions {
  text: string;
  placement?: 'top' | 'bottom';
  delayMs?: number;
}

/**
 * A tooltip attached to an element. Created for each row of the orders table whenever the table is
 * re-rendered (every poll, every 10 s), and destroyed with the row.
 */
export class Tooltip {
  private readonly tip: HTMLDivElement;
  private timer: number | undefined;

  constructor(private readonly anchor: HTMLElement, private readonly options: TooltipOptions) {
    this.tip = document.createElement('div');
    this.tip.className = `tooltip tooltip-${options.placement ?? 'top'}`;
    this.tip.textContent = options.text;
    this.tip.hidden = true;
    document.body.append(this.tip);

    anchor.addEventListener('mouseenter', () => this.scheduleShow());
    anchor.addEventListener('mouseleave', () => this.hide());
    window.addEventListener('scroll', () => this.position(), { passive: true });
    window.addEventListener('resize', () => this.position());
  }

  private scheduleShow(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.show(), this.options.delayMs ?? 300);
  }

  private show(): void {
    this.tip.hidden = false;
    this.position();
  }

  hide(): void {
    window.clearTimeout(this.timer);
    this.tip.hidden = true;
  }

  private position(): void {
    if (this.tip.hidden) return;
    const rect = this.anchor.getBoundingClientRect();
    const top = this.options.placement === 'bottom' ? rect.bottom + 6 : rect.top - this.tip.offsetHeight - 6;
    this.tip.style.top = `${top + window.scrollY}px`;
    this.tip.style.left = `${rect.left + window.scrollX + rect.width / 2 - this.tip.offsetWidth / 2}px`;
  }

  destroy(): void {
    this.hide();
    this.tip.remove();
  }
}
