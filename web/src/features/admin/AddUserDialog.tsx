import { api, call } from '../../api/client';
import { onPasswordField, passwordHint } from '../../auth/password';
import { useSession } from '../../auth/auth-context';
import { clinicRoleLabels, type ClinicRole } from '../../auth/session';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { LabelOptions } from '../../components/LabelOptions';
import { useApiForm } from '../../components/useApiForm';
import { assignableRoles, type Member } from './members';

interface AddUserDialogProps {
  minPasswordLength: number | undefined;
  onAdded(member: Member): void;
  onClose(): void;
}

export function AddUserDialog({ minPasswordLength, onAdded, onClose }: AddUserDialogProps) {
  const { role: myRole } = useSession();
  const form = useApiForm({
    initialValues: { display_name: '', email: '', role: 'practitioner', password: '' },
    validate: (values) => ({
      ...(values.display_name.trim() ? {} : { display_name: 'Enter their name.' }),
      ...(values.email.includes('@') ? {} : { email: 'Enter an email address, like name@example.org.' }),
      ...(values.password ? {} : { password: 'Enter a first password for them.' }),
    }),
    async onSubmit(values) {
      const body = {
        ...values,
        display_name: values.display_name.trim(),
        email: values.email.trim(),
        role: values.role as ClinicRole,
      };
      try {
        onAdded(await call(api.POST('/api/v1/users', { body })));
      } catch (err) {
        throw onPasswordField(err, 'password');
      }
    },
  });
  return (
    <Dialog title="Add a user" onClose={onClose}>
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        <Field label="Name" autoComplete="off" autoFocus {...form.field('display_name')} />
        <Field label="Email address" type="email" autoComplete="off" {...form.field('email')} />
        <Field as="select" label="Role in this clinic" {...form.field('role')}>
          <LabelOptions labels={clinicRoleLabels} only={assignableRoles(myRole)} />
        </Field>
        <Field
          label="First password"
          type="password"
          autoComplete="new-password"
          hint={`${passwordHint(minPasswordLength)} Someone who already has a Consilium account keeps their own password.`}
          {...form.field('password')}
        />
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={form.submitting}>
            Add user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
