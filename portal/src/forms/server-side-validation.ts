/**
 * form-js module that leaves every check to the server: the viewer's own messages exist only in
 * English and could differ from the engine's. The server (the engine's validateForm) checks the
 * data and words each problem in French and English; the portal shows those words beside the field.
 */
class ServerSideValidator {
  validateField(): string[] {
    return [];
  }

  validateFieldInstance(): string[] {
    return [];
  }
}

export const serverSideValidation = { validator: ['type', ServerSideValidator] };
