import { useSession } from '../../auth/auth-context';
import { clinicRoleLabels, type ClinicRole } from '../../auth/session';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { LabelOptions } from '../../components/LabelOptions';
import { useApiForm } from '../../components/useApiForm';
import { assignableRoles, patchMember, type Member } from './members';

interface ChangeRoleDialogProps {
  member: Member;
  onChanged(member: Member): void;
  onClose(): void;
}

export function ChangeRoleDialog({ member, onChanged, onClose }: ChangeRoleDialogProps) {
  const { role: myRole } = useSession();
  const form = useApiForm({
    initialValues: { role: member.role as string },
    async onSubmit({ role }) {
      onChanged(role === member.role ? member : await patchMember(member.id, { role: role as ClinicRole }));
    },
  });
  return (
    <Dialog title={`Change ${member.display_name}'s role`} onClose={onClose}>
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        <Field
          as="select"
          label="Role in this clinic"
          hint="Their sessions in this clinic end, so the new role applies at once."
          {...form.field('role')}
        >
          <LabelOptions labels={clinicRoleLabels} only={assignableRoles(myRole)} />
        </Field>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={form.submitting}>
            Change role
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
