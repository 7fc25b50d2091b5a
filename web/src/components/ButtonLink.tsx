import { Link, type LinkProps } from 'react-router-dom';
import './Button.css';

interface ButtonLinkProps extends LinkProps {
  variant?: 'primary' | 'secondary';
}

/** A link that leads to a page where something is done ("Register a patient"), drawn as a button. */
export function ButtonLink({ variant = 'secondary', className, ...rest }: ButtonLinkProps) {
  const classes = ['button', `button--${variant}`, className].filter(Boolean).join(' ');
  return <Link {...rest} className={classes} />;
}
