import type { components } from '../../api/schema';
import { CopyButton } from '../../components/CopyButton';
import './mfa.css';
import { groupSecret, svgDataUrl } from './secret';

export type TotpEnrolment = components['responses']['TotpEnrolment']['content']['application/json'];

/** The new authenticator's QR code, and its key as text for people who cannot scan. */
export function AuthenticatorSetup({ enrolment }: { enrolment: TotpEnrolment }) {
  const grouped = groupSecret(enrolment.secret);
  return (
    <div className="authenticator-setup">
      <ol className="authenticator-setup__steps">
        <li>Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).</li>
        <li>Add an account in the app and scan this QR code.</li>
      </ol>
      <img
        className="authenticator-setup__qr"
        src={svgDataUrl(enrolment.qr_svg)}
        alt="QR code that adds Consilium to your authenticator app"
        width={200}
        height={200}
      />
      <p>If you cannot scan it, enter this key in the app instead (time-based):</p>
      <p className="authenticator-setup__key">
        <code>{grouped}</code>
      </p>
      <CopyButton text={enrolment.secret} label="Copy key" />
    </div>
  );
}
