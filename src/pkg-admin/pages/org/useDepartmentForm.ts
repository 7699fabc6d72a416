/** Edit one department (or add one): name, contact name and phone, saved with org.upsertDepartment. */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call, describeError } from '../../../api'
import { showError } from '../../../components/States'
import { parseOrRefuse } from '../../../domain/messages/describe'
import { upsertDepartmentInput } from '../../../domain/schemas/org'
import type { Department } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'

export interface DepartmentForm {
  name: string
  contactName: string
  contactPhone: string
}

const formOf = (d?: Department): DepartmentForm => ({ name: d?.name ?? '', contactName: d?.contactName ?? '', contactPhone: d?.contactPhone ?? '' })

export function useDepartmentForm(department: Department | undefined, onSaved: () => void) {
  const [form, setForm] = useState<DepartmentForm>(() => formOf(department))
  /** The server's words for a refused input (it names the field), shown under the form. */
  const [error, setError] = useState<string | undefined>()
  const save = useAction(async () => {
    const body = {
      ...(department ? { departmentId: department._id } : {}),
      name: form.name.trim(),
      contactName: form.contactName.trim(),
      ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
    }
    // The function's own schema, so the form says what the function would.
    const checked = parseOrRefuse(upsertDepartmentInput, body)
    if (!checked.ok) return void setError(checked.error.message)
    setError(undefined)
    try {
      await call('org', 'upsertDepartment', body)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
    } catch (e) {
      const d = describeError(e)
      if (d.code === 'INVALID_INPUT') setError(d.title)
      else showError(e)
    }
  })
  return { form, set: (patch: Partial<DepartmentForm>) => setForm({ ...form, ...patch }), error, save }
}
