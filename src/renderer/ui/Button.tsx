import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet' | 'link';

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'isPending'> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  className?: string;
  /** Work in progress: the button keeps its focus, ignores presses and shows a spinner. */
  isPending?: boolean;
}

/**
 * The one button of the app. Pending is handled here rather than by React Aria's `isPending`,
 * whose announcement leaves a node labelled by an element that may be gone a moment later;
 * the slow operations show their own status message instead.
 */
export function Button({ variant = 'secondary', size = 'normal', className, isPending = false, onPress, type, ...props }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', isPending ? 'is-pending' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <AriaButton
      {...props}
      type={isPending && type === 'submit' ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending || undefined}
      aria-busy={isPending || undefined}
      className={classes}
    />
  );
}
