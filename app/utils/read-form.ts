/** A body that is not the form it claims to be (a mangled multipart) is the client's fault. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response('The form could not be read.', { status: 400, statusText: 'Bad Request' });
  }
}
