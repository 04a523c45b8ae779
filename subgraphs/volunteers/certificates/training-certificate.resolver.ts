import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { isSelf, requireCertificateVerifierOf, requireManageVolunteersOf, requireSignedIn } from '../access.ts';
import { volunteersById } from '../loaders.ts';
import { TrainingCertificate } from './training-certificate.entity.ts';
import { addCertificate, verifyCertificate } from './training-certificate.service.ts';
import { TrainingCertificateInput, TrainingCertificateType } from './training-certificate.type.ts';
import { findVolunteer } from '../registration/volunteer.resolver.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';

@Resolver(() => TrainingCertificateType)
export class TrainingCertificateResolver {
  @Mutation(() => TrainingCertificateType, {
    description:
      'Records a training certificate: the volunteer themselves, or the working group of their municipality. It counts once verified by the working group’s administrative support (at once with `verified`, for who may verify). The course date may not lie in the future.',
  })
  async addTrainingCertificate(
    @Arg('volunteerId', () => ID) volunteerId: string,
    @Arg('input', () => TrainingCertificateInput) input: TrainingCertificateInput,
    @Ctx() context: RequestContext,
  ): Promise<TrainingCertificateType> {
    const { principal } = context;
    requireSignedIn(principal);
    const volunteer = await findVolunteer(context, volunteerId);
    if (!isSelf(principal, volunteer)) requireManageVolunteersOf(principal, volunteer.municipalityId);
    if (input.verified) requireCertificateVerifierOf(principal, volunteer.municipalityId);
    const verifiedBy = input.verified ? principal.subject : null;
    return TrainingCertificateType.from(await addCertificate(context.em, volunteer, input, principal.subject, verifiedBy, new Date()));
  }

  @Mutation(() => TrainingCertificateType, {
    description: 'Verifies a certificate (seen the paper, or confirmed with the training body). The administrative support of the volunteer’s working group, or ADMIN.',
  })
  async verifyTrainingCertificate(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<TrainingCertificateType> {
    requireAuthenticated(context.principal);
    const certificate = await context.em.findOne(TrainingCertificate, { id: parseId(id, 'TrainingCertificate') });
    if (!certificate) throw notFound('TrainingCertificate', id);
    const volunteer = await findVolunteer(context, certificate.volunteerId);
    requireCertificateVerifierOf(context.principal, volunteer.municipalityId);
    return TrainingCertificateType.from(await verifyCertificate(context.em, certificate.id, context.principal.subject, new Date()));
  }

  @FieldResolver(() => VolunteerType, { description: 'Whose certificate it is.' })
  async volunteer(@Root() certificate: TrainingCertificateType, @Ctx() context: RequestContext): Promise<VolunteerType> {
    const volunteer = await volunteersById(context).load(certificate.volunteerId);
    if (!volunteer) throw notFound('Volunteer', certificate.volunteerId);
    return VolunteerType.from(volunteer);
  }
}
