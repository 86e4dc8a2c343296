/** Internal: `templates` and the template mutations. */
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate, type TemplateView } from '../../domain/cards/templates.service.js';
import type { GraphQLContext } from '../context.js';
import { CreateTemplateInput, DeleteTemplatePayload, TemplatePayload, UpdateTemplateInput } from './template.input.js';
import { Template } from './template.type.js';

@Resolver(() => Template)
export class TemplatesResolver {
  @Query(() => [Template], { description: "The organization's card templates, by name." })
  async templates(@Ctx() ctx: GraphQLContext): Promise<TemplateView[]> {
    const viewer = authorize(ctx.viewer, 'template:read');
    return await listTemplates(ctx.db, viewer.organizationId);
  }

  @Mutation(() => TemplatePayload, { description: 'Creates a card template. Editors, admins and owners.' })
  async createTemplate(@Arg('input', () => CreateTemplateInput, { description: 'The template.' }) input: CreateTemplateInput, @Ctx() ctx: GraphQLContext): Promise<{ template: TemplateView }> {
    const viewer = authorize(ctx.viewer, 'template:manage');
    return { template: await createTemplate(ctx.pool, viewer.organizationId, { ...input }) };
  }

  @Mutation(() => TemplatePayload, { description: 'Changes a card template; its cards follow. Editors, admins and owners.' })
  async updateTemplate(@Arg('input', () => UpdateTemplateInput, { description: 'The changes.' }) input: UpdateTemplateInput, @Ctx() ctx: GraphQLContext): Promise<{ template: TemplateView }> {
    const viewer = authorize(ctx.viewer, 'template:manage');
    const { templateId, ...write } = input;
    return { template: await updateTemplate(ctx.pool, viewer.organizationId, templateId, write) };
  }

  @Mutation(() => DeleteTemplatePayload, { description: 'Deletes a card template; its cards fall back to group rules or the first template. Editors, admins and owners.' })
  async deleteTemplate(@Arg('id', () => ID, { description: 'Id of the template.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteTemplatePayload> {
    const viewer = authorize(ctx.viewer, 'template:manage');
    await deleteTemplate(ctx.pool, viewer.organizationId, id);
    return { deletedTemplateId: id };
  }
}
