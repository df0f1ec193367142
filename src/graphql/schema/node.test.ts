import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';

const app = createTestApp();

describe('node / nodes', () => {
  it('fetches every kind of object again by its global id', async () => {
    const { body } = await app.graphql(`{
      offices(first: 1) { nodes { id } }
      procedures { id }
      certificateTypes { id }
      idDocumentLists { id documents { id } }
      contactPoints { id }
      notices { id }
      convenienceStoreService { id }
    }`);
    const ids: string[] = [
      body.data.offices.nodes[0].id,
      body.data.procedures[0].id,
      body.data.certificateTypes[1].id,
      body.data.idDocumentLists[0].id,
      body.data.idDocumentLists[0].documents[3].id,
      body.data.contactPoints[0].id,
      body.data.notices[0].id,
      body.data.convenienceStoreService.id,
    ];
    const fetched = await app.graphql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Office { key } ... on Procedure { procedureKind: kind } ... on CertificateType { kind }
        ... on IdDocumentList { code } ... on IdDocument { position } ... on ContactPoint { phone } ... on Notice { key } ... on ConvenienceStoreService { minimumAge } } }`,
      { ids },
    );
    expect(fetched.body.errors).toBeUndefined();
    expect(fetched.body.data.nodes).toEqual([
      { __typename: 'Office', id: ids[0], key: 'chuo-ward-office' },
      { __typename: 'Procedure', id: ids[1], procedureKind: 'RENEWAL' },
      { __typename: 'CertificateType', id: ids[2], kind: 'SIGNATURE' },
      { __typename: 'IdDocumentList', id: ids[3], code: 'A' },
      { __typename: 'IdDocument', id: ids[4], position: 4 },
      { __typename: 'ContactPoint', id: ids[5], phone: '011-600-2323' },
      { __typename: 'Notice', id: ids[6], key: 'expiry-notice-letters-delayed' },
      { __typename: 'ConvenienceStoreService', id: ids[7], minimumAge: 15 },
    ]);
    const single = await app.graphql('query ($id: ID!) { node(id: $id) { id } }', { id: ids[0] });
    expect(single.body.data.node.id).toBe(ids[0]);
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['base64 without a type', Buffer.from('chuo-ward-office').toString('base64')],
    ['an empty string', ''],
    ['base64 with an empty key', Buffer.from('Office:').toString('base64')],
  ])('rejects a malformed id (%s) with BAD_USER_INPUT', async (_label, id) => {
    const response = await app.graphql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.data).toEqual({ node: null });
  });

  it.each([
    ['another API\'s type', Buffer.from('User:42').toString('base64')],
    ['a key that does not exist', Buffer.from('Office:sapporo-station').toString('base64')],
  ])('answers NOT_FOUND for %s', async (_label, id) => {
    const response = await app.graphql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.body.data).toEqual({ node: null });
  });

  it('keeps the good ones when some ids of nodes(ids:) are bad', async () => {
    const { body } = await app.graphql('{ offices(first: 1) { nodes { id } } }');
    const good = body.data.offices.nodes[0].id;
    const response = await app.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [good, 'bogus!'] });
    expect(response.body.data.nodes).toEqual([{ id: good }, null]);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
