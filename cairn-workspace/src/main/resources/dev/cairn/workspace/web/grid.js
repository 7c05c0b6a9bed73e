/*
 * cairn records grid (wsTable.jte; ADR 43): the table view as an ARIA grid. Arrow keys, Home and End move between
 * cells (one tab stop for the whole grid); Enter, F2, typing or a double click opens a cell's editor; Enter saves,
 * Tab / Shift+Tab save and open the next / previous cell, Escape cancels. A save posts the one field to
 * .../records/{id}/cell with the row's version and the session's CSRF token; the server answers with the saved row,
 * a refusal (the message is shown and the typed value kept), or a conflict (the current row, and the editor again
 * with the typed value, so a second Enter is a deliberate overwrite). Without this script the table is a plain
 * table whose rows link to the record form.
 */
(function () {
  'use strict';

  function Grid(table) {
    this.table = table;
    this.editable = table.dataset.grid === 'edit';
    this.csrf = table.dataset.csrf;
    this.status = document.getElementById('grid-status');
    this.error = document.getElementById('grid-error');
    this.editor = null;
    table.setAttribute('role', 'grid');
    if (this.editable) {
      var help = document.getElementById('grid-help');
      if (help) {
        help.hidden = false;
        table.setAttribute('aria-describedby', 'grid-help');
      }
    } else {
      table.setAttribute('aria-readonly', 'true');
    }
    this.prepare(table);
    var rows = this.rows();
    var start = rows.length > 1 ? rows[1].cells[0] : rows[0].cells[0];
    start.tabIndex = 0;
    this.active = start;
    var self = this;
    table.addEventListener('keydown', function (e) { self.onKey(e); });
    table.addEventListener('focusin', function (e) {
      var cell = self.cellOf(e.target);
      if (cell && cell !== self.active && !self.inEditor(e.target)) {
        self.activate(cell);
      }
    });
    table.addEventListener('dblclick', function (e) {
      var cell = self.cellOf(e.target);
      if (cell && self.canEdit(cell) && !self.inEditor(e.target)) {
        e.preventDefault();
        self.open(cell, null);
      }
    });
  }

  /** Every cell leaves the tab order (the active one returns to it); so do the links inside the cells. */
  Grid.prototype.prepare = function (root) {
    var editable = this.editable;
    root.querySelectorAll('th, td').forEach(function (cell) {
      cell.tabIndex = -1;
      if (editable && cell.tagName === 'TD' && !cell.hasAttribute('data-edit') && cell.hasAttribute('data-col')) {
        cell.setAttribute('aria-readonly', 'true');
      }
    });
    root.querySelectorAll('th a, td a').forEach(function (a) { a.tabIndex = -1; });
  };

  Grid.prototype.rows = function () {
    return Array.prototype.filter.call(this.table.rows, function (r) { return !r.classList.contains('empty'); });
  };

  Grid.prototype.cellOf = function (node) {
    var cell = node && node.closest ? node.closest('th, td') : null;
    return cell && this.table.contains(cell) && cell.closest('table') === this.table ? cell : null;
  };

  Grid.prototype.inEditor = function (node) {
    return this.editor !== null && this.editor.cell.contains(node) && node !== this.editor.cell;
  };

  Grid.prototype.canEdit = function (cell) {
    return this.editable && cell.tagName === 'TD' && cell.hasAttribute('data-edit');
  };

  Grid.prototype.activate = function (cell) {
    if (this.active && this.active !== cell) {
      this.active.tabIndex = -1;
    }
    cell.tabIndex = 0;
    this.active = cell;
  };

  Grid.prototype.focus = function (cell) {
    this.activate(cell);
    cell.focus();
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  Grid.prototype.move = function (cell, dRow, dCol) {
    var rows = this.rows();
    var r = rows.indexOf(cell.parentElement);
    var row = rows[Math.max(0, Math.min(rows.length - 1, r + dRow))];
    var c = Math.max(0, Math.min(row.cells.length - 1, cell.cellIndex + dCol));
    this.focus(row.cells[c]);
  };

  Grid.prototype.onKey = function (e) {
    if (this.editor && this.inEditor(e.target)) {
      this.onEditorKey(e);
      return;
    }
    var cell = this.cellOf(e.target);
    if (!cell || e.altKey || e.metaKey) {
      return;
    }
    var handled = true;
    switch (e.key) {
      case 'ArrowRight': this.move(cell, 0, 1); break;
      case 'ArrowLeft': this.move(cell, 0, -1); break;
      case 'ArrowDown': this.move(cell, 1, 0); break;
      case 'ArrowUp': this.move(cell, -1, 0); break;
      case 'Home': this.move(cell, e.ctrlKey ? -1e6 : 0, -1e6); break;
      case 'End': this.move(cell, e.ctrlKey ? 1e6 : 0, 1e6); break;
      case 'PageDown': this.move(cell, 10, 0); break;
      case 'PageUp': this.move(cell, -10, 0); break;
      case 'Enter':
      case 'F2':
        if (this.canEdit(cell)) {
          this.open(cell, null);
        } else if (e.key === 'Enter' && cell.querySelector('a')) {
          if (cell.parentElement.parentElement.tagName === 'THEAD') {
            sessionStorage.setItem('cairn-grid-focus', cell.dataset.col || '');
          }
          cell.querySelector('a').click();
        }
        break;
      default:
        handled = e.key.length === 1 && !e.ctrlKey && this.canEdit(cell) && this.header(cell).dataset.editor === 'input';
        if (handled) {
          this.open(cell, e.key);
        }
    }
    if (handled) {
      e.preventDefault();
    }
  };

  Grid.prototype.header = function (cell) {
    return this.table.tHead.rows[0].cells[cell.cellIndex];
  };

  /** Opens the editor of {@code cell}, starting from its stored text, or from {@code typed} (the key that opened it). */
  Grid.prototype.open = function (cell, typed, value) {
    if (this.editor) {
      this.cancel(false);
    }
    var head = this.header(cell);
    var input;
    if (head.dataset.editor === 'select') {
      input = document.createElement('select');
      input.appendChild(document.getElementById('grid-options-' + head.dataset.col).content.cloneNode(true));
      input.value = value !== undefined ? value : cell.dataset.edit;
    } else {
      input = document.createElement('input');
      input.type = head.dataset.inputType || 'text';
      input.value = value !== undefined ? value : typed !== null ? typed : cell.dataset.edit;
      input.size = Math.max(6, Math.min(40, input.value.length + 2)); // the column keeps about its width
    }
    input.id = 'grid-editor';
    input.className = 'grid-editor';
    if (head.dataset.required) {
      input.setAttribute('aria-required', 'true');
    }
    var label = document.createElement('label');
    label.htmlFor = input.id;
    label.className = 'visually-hidden';
    var row = cell.parentElement;
    label.textContent = head.textContent.trim() + ' of record ' + row.dataset.id;
    var parts = [label, input];
    var described = ['grid-error'];
    if (head.dataset.hint) {
      var hint = document.createElement('span');
      hint.id = 'grid-editor-hint';
      hint.className = 'visually-hidden';
      hint.textContent = head.dataset.hint;
      parts.push(hint);
      described.push(hint.id);
    }
    input.setAttribute('aria-describedby', described.join(' '));
    this.editor = { cell: cell, input: input, original: cell.dataset.edit, shown: Array.prototype.slice.call(cell.childNodes),
      busy: false, conflict: value !== undefined };
    cell.classList.add('editing');
    cell.replaceChildren.apply(cell, parts);
    this.activate(cell);
    input.focus();
    if (input.tagName === 'INPUT' && typed === null && value === undefined && input.select) {
      try { input.select(); } catch (ignored) { /* date inputs have no text selection */ }
    }
    var self = this;
    var editor = this.editor;
    input.addEventListener('blur', function () {
      // leaving the editor saves a changed value, except after a conflict: only Enter or Tab overwrite then
      if (self.editor === editor && !editor.busy && !editor.leaving && !editor.conflict) {
        if (input.value === editor.original) {
          self.cancel(false);
        } else {
          self.save(null);
        }
      }
    });
  };

  Grid.prototype.onEditorKey = function (e) {
    var self = this;
    if (e.key === 'Enter') {
      e.preventDefault();
      this.save(function (cell) { self.focus(cell); });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel(true);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      var back = e.shiftKey;
      this.save(function (cell) {
        var next = self.nextEditable(cell, back);
        if (next) {
          self.focus(next);
          self.open(next, null);
        } else {
          self.focus(cell);
        }
      });
    }
  };

  /** The editable cell after (or before) {@code cell}, row by row; null at the end. */
  Grid.prototype.nextEditable = function (cell, back) {
    var self = this;
    var cells = [];
    this.rows().forEach(function (r) {
      Array.prototype.forEach.call(r.cells, function (c) { if (self.canEdit(c)) cells.push(c); });
    });
    var i = cells.indexOf(cell);
    var j = back ? i - 1 : i + 1;
    return i >= 0 && j >= 0 && j < cells.length ? cells[j] : null;
  };

  /** Closes the editor, showing the cell as it was. */
  Grid.prototype.cancel = function (announce) {
    var ed = this.editor;
    if (!ed) {
      return;
    }
    ed.leaving = true;
    this.editor = null;
    ed.cell.classList.remove('editing');
    ed.cell.replaceChildren.apply(ed.cell, ed.shown);
    this.showError('');
    if (announce) {
      this.say('Edit cancelled; the cell keeps its value.');
      this.focus(ed.cell);
    }
  };

  /** Saves the open editor's value; {@code after} gets the saved cell (in its new row). */
  Grid.prototype.save = function (after) {
    var ed = this.editor;
    if (!ed || ed.busy) {
      return;
    }
    if (ed.input.value === ed.original && !ed.conflict) {
      this.cancel(false);
      if (after) {
        after(ed.cell);
      }
      return;
    }
    ed.busy = true;
    var row = ed.cell.parentElement;
    var column = ed.cell.dataset.col;
    var typed = ed.input.value;
    var body = new URLSearchParams();
    body.set('_csrf', this.csrf);
    body.set('column', column);
    body.set('value', typed);
    body.set('version', row.dataset.version);
    this.say('Saving…');
    var self = this;
    fetch(row.dataset.href + '/cell', {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'X-CSRF-Token': this.csrf, 'Accept': 'application/json' }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    }).then(function (answer) {
      ed.busy = false;
      var data = answer.data;
      if (self.editor !== ed) { // another cell was opened meanwhile: show the outcome without touching its editor
        if (answer.status === 200 && data.row && !(self.editor && self.editor.cell.parentElement === row)) {
          self.replaceRow(row, data.row);
          self.say('Saved ' + self.header(ed.cell).textContent.trim() + '.');
        } else if (answer.status !== 200) {
          self.showError((data.message || 'The value could not be saved.') + ' The cell keeps its stored value.');
        }
        return;
      }
      if (answer.status === 200 && data.row) {
        ed.leaving = true;
        self.editor = null;
        var saved = self.replaceRow(row, data.row).querySelector('[data-col="' + CSS.escape(column) + '"]');
        self.showError('');
        self.say('Saved ' + self.header(saved).textContent.trim() + '.');
        (after || function (cell) { self.focus(cell); })(saved);
      } else if (answer.status === 409 && data.row) {
        ed.leaving = true;
        self.editor = null;
        var current = self.replaceRow(row, data.row).querySelector('[data-col="' + CSS.escape(column) + '"]');
        self.focus(current);
        self.open(current, null, typed);
        self.showError(data.message);
      } else {
        self.refused(ed, data.message || data.detail || data.title || 'The value could not be saved (HTTP ' + answer.status + ').');
      }
    }).catch(function () {
      ed.busy = false;
      if (self.editor === ed) {
        self.refused(ed, 'The server could not be reached; your value is still in the cell. Press Enter to try again.');
      }
    });
  };

  Grid.prototype.refused = function (ed, message) {
    ed.input.setAttribute('aria-invalid', 'true');
    ed.cell.classList.add('refused');
    this.say('');
    this.showError(message);
    if (document.activeElement !== ed.input && this.table.contains(document.activeElement)) {
      ed.input.focus();
    } else if (document.activeElement === document.body) {
      ed.input.focus();
    }
  };

  Grid.prototype.replaceRow = function (row, html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    var fresh = t.content.querySelector('tr');
    row.replaceWith(fresh);
    this.prepare(fresh);
    if (this.active && !this.table.contains(this.active)) {
      this.active = null;
    }
    return fresh;
  };

  Grid.prototype.say = function (text) {
    if (this.status) {
      this.status.textContent = text;
    }
  };

  Grid.prototype.showError = function (text) {
    if (this.error) {
      this.error.textContent = text;
    }
  };

  function start() {
    document.querySelectorAll('table[data-grid]').forEach(function (table) {
      if (!table.dataset.ready) {
        table.dataset.ready = '1';
        table.cairnGrid = new Grid(table);
      }
    });
    var col = sessionStorage.getItem('cairn-grid-focus');
    if (col !== null) {
      sessionStorage.removeItem('cairn-grid-focus');
      var head = document.querySelector('table[data-grid] thead th[data-col="' + CSS.escape(col) + '"]');
      if (head) {
        head.closest('table').cairnGrid.focus(head);
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
  document.addEventListener('htmx:load', start); // after htmx swapped in new records (sort, search, paging)
}());
