import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { routes } from '#shared/api/routes.js';
import type { AppContext } from '../../AppContext.js';
import { requireUser } from '../../auth/authenticate.js';
import { PhotoRefusal } from '../../photos/PhotoRefusal.js';
import { type PhotoUploads, photoInfo } from '../../photos/PhotoUploads.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { serveRoute } from '../serveRoute.js';

/**
 * A photo is for the two members of its journal only, checked on every
 * request (an <img> sends the session cookie like any other request).
 *
 * Someone who is not a member gets the same 404 whether the journal exists
 * or not, and whether the photo does: unlike the journal routes' 403
 * `not_member`, a photo route tells nothing about what is behind an address.
 * A photo id of another journal is 404 here too, so a reference copied into
 * another journal's entry shows nothing.
 */
export function photoRoutes(app: AppContext, router: Router, uploads: PhotoUploads): void {
  const nothingHere = () => new HttpError(404, 'not_found', 'There is no photo here.');

  async function requireMember(req: IncomingMessage, journalId: string) {
    const { user } = await requireUser(app, req);
    if (!(await app.storage.getRole(journalId, user.id))) throw nothingHere();
    return user;
  }

  serveRoute(router, routes.uploadPhoto, async (ctx) => {
    const user = await requireMember(ctx.req, ctx.params.id);
    const { params } = await ctx.input();
    try {
      const { photo, created } = await uploads.upload(ctx.req, ctx.params.id, params.photoId, user.id);
      return { status: created ? 201 : 200, body: { photo: photoInfo(photo) } };
    } catch (error) {
      // The rest of a refused upload is not read: close the connection after the answer instead.
      if (error instanceof PhotoRefusal && !ctx.req.complete) throw new PhotoRefusal(error.status, error.code, error.message, { ...error.headers, connection: 'close' });
      throw error;
    }
  });

  serveRoute(router, routes.photos, async (ctx) => {
    await requireMember(ctx.req, ctx.params.id);
    const photos = await app.storage.photos.photosOf(ctx.params.id);
    return { body: { photos: photos.map(photoInfo) } };
  });

  // Not JSON: the bytes, streamed from storage, so a raw handler on the declared path.
  router.add(routes.photoFile.method, routes.photoFile.path, async ({ req, params }) => {
    await requireMember(req, params.id);
    const { photoId, size } = routes.photoFile.params;
    if (!v.is(photoId, params.photoId) || !v.is(size, params.size)) throw nothingHere();
    const photo = await app.storage.photos.photo(params.photoId);
    if (!photo || photo.journalId !== params.id) throw nothingHere();
    const headers = {
      // A photo id's bytes never change: the browser keeps them, for this person only.
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${photo.hash.slice(0, 32)}-${params.size}"`,
      // Only this app's pages may show it (a cross-site <img> gets no cookie anyway).
      'cross-origin-resource-policy': 'same-origin',
    };
    if (req.headers['if-none-match'] === headers.etag) return { status: 304, headers };
    const file = await app.storage.photos.openFile(photo.hash, params.size);
    if (!file) {
      app.log.error('a stored photo has no file', { photoId: photo.id, size: params.size });
      throw nothingHere();
    }
    return {
      status: 200,
      stream: file.stream,
      headers: { ...headers, 'content-type': photo.type, 'content-length': String(file.bytes), 'content-disposition': 'inline' },
    };
  });
}
